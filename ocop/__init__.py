"""The composition root, settings, logs and the command line of the register."""
