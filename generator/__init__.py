"""Static-site generator for comparing local governments' annual rule-of-law reports."""

__version__ = "0.1.0"
