"""Who works in the approval office: departments, user accounts, and how BPMN lanes map to them."""
