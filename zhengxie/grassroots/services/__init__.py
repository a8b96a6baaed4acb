"""Every write of the grassroots casework: one keyword-only function per domain act."""
