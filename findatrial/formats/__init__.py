"""Our date and number formats (FORMAT_MODULE_PATH), one module per language."""
