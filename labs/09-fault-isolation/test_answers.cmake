# The handout's questions are answered in answers.txt.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)
lab_answers(${LAB}/answers.txt 3)
