"""The records on the desk: the agenda, people, a person's page, courthouses, the record dialogs and the Trash."""
