"""Pre-test and post-test (one question bank a workshop) and the anonymous
evaluations of speakers and organisation (issue 28, points 4 and 5)."""
