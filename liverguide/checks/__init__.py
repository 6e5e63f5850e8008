"""What stops a bad build: front matter (front_matter.py), content safety (content_safety.py),
reading level (readability.py), and the link checker for a built site (linkcheck/)."""
