"""Optional integrations with other Django projects (each needs its extra installed)."""
