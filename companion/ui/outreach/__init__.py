"""Outreach at the desk: today's calls, the contact log and the needs per hearing."""
