"""What a user can ask for: the document, the whiteboard sheet, the worksheet, the book, batches."""
