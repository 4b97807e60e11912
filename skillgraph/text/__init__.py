"""Free text to the taxonomy: skills and roles from text, alignment between graphs."""
