/* The activities a phone shows in place of its board while one is the current
 * phase (shared/activities.js): one import a kind; each module registers itself. */

import "./attendance-phone.js"; // attendance
import "./board-questions.js"; // questions
import "./polls-phone.js"; // poll, wordcloud
import "./assessment-phone.js"; // pretest, posttest, evaluation
