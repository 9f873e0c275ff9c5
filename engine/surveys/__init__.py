"""多测合一: one commission, one result set, its uses by departments."""
