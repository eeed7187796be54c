"""Read: a report file's bytes -> its text, lines, what each line is, cleaned body, structure and metadata."""
