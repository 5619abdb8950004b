"""Getting data in and out at the desk: the import wizard, exports and handoffs."""
