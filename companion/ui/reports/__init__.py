"""Reports: the outcomes still to record after hearings, and the office's attendance
record (figures and charts, no names) with its CSV export."""
