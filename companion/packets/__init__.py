"""Hearing packets: the PDF a witness takes home, and the hearing as a calendar event.

Plain Python (ReportLab, HarfBuzz, python-bidi, icalendar, segno); no Qt.

- ``content``: the view-model (``PacketContent`` and its parts) the renderer reads;
- ``renderer``: ``PacketRenderer``, ``render_packet``, ``render_docket``,
  ``packet_missing_glyphs``;
- ``calendar``: ``.ics`` bytes and the QR code of a hearing;
- ``output``: ``write_pdf_atomically`` (all-or-nothing files);
- ``fonts``, ``scripts``, ``shaping``, ``bidi``, ``linebreak``, ``textlayout``: the
  multilingual text engine every printed string goes through.

Import from the modules themselves: importing this package loads nothing, so that the
parts that only describe a packet (``content``, ``errors``) stay cheap for the app's
start-up, and ReportLab and icalendar load when a packet is first made.
"""
