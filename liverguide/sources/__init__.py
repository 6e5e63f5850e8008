"""The data files content is checked against, each read once per build: the bibliography
(bibliography.py, in AMA style by ama.py and reference_lists.py), the glossary (glossary_file.py)
and the clinic's details (clinic.py)."""
