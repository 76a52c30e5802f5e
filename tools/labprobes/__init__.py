"""Scripts a lab's checks run inside an attendee's Django project (`LabTree.probe`)."""
