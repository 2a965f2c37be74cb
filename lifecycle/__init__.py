"""The OCOP certification lifecycle: the product aggregate, its events, rules and criteria sets."""
