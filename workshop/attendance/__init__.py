"""Days and signed attendance (daftar hadir): issue 28, point 1."""
