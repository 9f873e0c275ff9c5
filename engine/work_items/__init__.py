"""Work items (the READY human tasks every inbox reads), decisions and supplement requests."""
