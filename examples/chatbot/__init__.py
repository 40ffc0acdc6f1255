"""A small chatbot SaaS service with deliberate flaws, served in a flawed or a fixed mode."""
