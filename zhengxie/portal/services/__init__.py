"""Every write of the portal, one module per sub-domain."""
