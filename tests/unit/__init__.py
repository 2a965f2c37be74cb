"""Unit stories of the programme's rules: the product aggregate and its rules, no I/O."""
