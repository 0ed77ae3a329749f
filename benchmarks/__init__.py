"""`make bench`: cold start, warm latency, memory and package size, as ratios to hello-world."""
