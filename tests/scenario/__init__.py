"""Stories of whole registers: the demo and the Quảng Ninh scenario, on every backend."""
