"""The typed model of a bundle and the derived terms of the rule catalog."""
