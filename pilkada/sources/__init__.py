"""Where articles and official lists come from: local files, URLs, feeds, web pages, text."""
