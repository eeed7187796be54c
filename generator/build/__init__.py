"""Build: the stages run in order, with the cache, the reading pool, the lock and the live preview."""
