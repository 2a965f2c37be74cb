"""Read models of the register and the projector that keeps them up to date."""
