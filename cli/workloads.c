#include "workloads.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Copies the text between p and end, without surrounding blanks, into out (size n).
 * Returns -1 if it is empty or does not fit. */
static int copy_field(char *out, size_t n, const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
    end--;
  size_t len = (size_t)(end - p);
  if (len == 0 || len >= n) return -1;
  memcpy(out, p, len);
  out[len] = 0;
  return 0;
}

/* Parses one line into *w: NAME | ABOUT | COMMAND, where COMMAND may itself hold '|'. */
static int parse_line(struct workload *w, const char *line) {
  const char *bar1 = strchr(line, '|');
  const char *bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
  if (!bar2) return -1;
  return copy_field(w->name, sizeof w->name, line, bar1) |
         copy_field(w->about, sizeof w->about, bar1 + 1, bar2) |
         copy_field(w->command, sizeof w->command, bar2 + 1, line + strlen(line));
}

int workloads_load(struct workload_list *list, const char *path, char *err, size_t errlen) {
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  char line[1024];
  unsigned lineno = 0;
  int rc = 0;
  list->n = 0;
  while (rc == 0 && fgets(line, sizeof line, f)) {
    lineno++;
    const char *p = line + strspn(line, " \t");
    if (*p == '#' || *p == '\n' || *p == 0) continue;
    if (list->n == WORKLOAD_MAX) {
      snprintf(err, errlen, "%s:%u: more than %d workloads", path, lineno, WORKLOAD_MAX);
      rc = -1;
    } else if (parse_line(&list->w[list->n], p) < 0) {
      snprintf(err, errlen, "%s:%u: expected 'NAME | what it stresses | command'", path, lineno);
      rc = -1;
    } else {
      list->n++;
    }
  }
  fclose(f);
  return rc;
}

const struct workload *workloads_find(const struct workload_list *list, const char *name) {
  for (unsigned i = 0; i < list->n; i++)
    if (strcmp(list->w[i].name, name) == 0) return &list->w[i];
  return NULL;
}
