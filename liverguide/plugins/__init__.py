"""Pelican plugins, one per feature, each a module or package with a register() that connects
its signals. pelicanconf.py lists them by dotted name in the order they run."""
