"""Published process versions and running instances: the one place the database meets ``bpmn``."""
