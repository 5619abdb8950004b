"""Reports: outcomes to record after hearings, and the attendance record with its charts."""
