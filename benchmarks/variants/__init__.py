"""Files the benchmark swaps into a copy of our package, to measure what a part of it is worth."""
