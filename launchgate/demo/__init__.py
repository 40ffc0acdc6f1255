"""``launchgate demo``: the whole gate on a built-in repository and example service."""
