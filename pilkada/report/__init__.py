"""What the warehouse holds, for readers: the HTML report and the data dictionary."""
