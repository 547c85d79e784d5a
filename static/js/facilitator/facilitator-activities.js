/* The steering panels the cockpit shows above the boards while an activity is
 * the current phase (shared/activities.js): one import a kind; each module
 * registers itself. */

import "./attendance-cockpit.js"; // attendance
import "./facilitator-questions.js"; // questions
import "./polls-cockpit.js"; // poll, wordcloud
import "./assessment-cockpit.js"; // pretest, posttest, evaluation
