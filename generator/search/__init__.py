"""Search: the Pagefind index of every report's text, in shards kept between builds."""
