"""Reading uploaded files (Word, Excel, text) into one plain document shape. Pure: no Django."""
