"""Reads an iCalendar file with the Python `icalendar` package (a strict parser the
project did not write) and prints its method and events as JSON, for
tests/it/calendars.rs. Exits non-zero when the file does not parse."""
import json
import sys

import icalendar

calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
events = []
for event in calendar.walk("VEVENT"):
    events.append(
        {
            "uid": str(event.get("UID")),
            "status": str(event.get("STATUS", "")),
            "sequence": int(event.get("SEQUENCE", 0)),
            "start": event.decoded("DTSTART").isoformat(),
            "summary": str(event.get("SUMMARY", "")),
        }
    )
print(json.dumps({"method": str(calendar.get("METHOD", "")), "events": events}))
