"""E-mail: signed links, rendering in fr/uk/en (Jinja2, Babel), MIME assembly and sending through SES."""
