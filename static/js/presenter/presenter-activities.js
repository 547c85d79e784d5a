/* The activities the projector shows in place of the boards while one is the
 * current phase (shared/activities.js): one import a kind; each module registers itself. */

import "./attendance-projector.js"; // attendance
import "./presenter-questions.js"; // questions
import "./polls-projector.js"; // poll, wordcloud
import "./assessment-projector.js"; // pretest, posttest, evaluation
