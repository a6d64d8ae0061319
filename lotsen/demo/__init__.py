"""Demo data: the network of the March 2014 newsletter, and a synthetic scale-up of it."""
