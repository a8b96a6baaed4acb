"""Every read of the portal that is more than a lookup."""
