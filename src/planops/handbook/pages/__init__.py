"""One module per handbook page; each ``render(ctx) -> str`` returns the page's Markdown."""
