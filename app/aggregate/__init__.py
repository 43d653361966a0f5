"""The station's side: receive verified packages, combine many experts' scores, rank candidates."""
