"""Records: agenda, people, a person's page, courthouses, the record dialogs, the Trash."""
