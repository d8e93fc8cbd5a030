/**
 * Reverse relations (pupil → classes, member of staff → classes, contact → pupils), derived
 * from the forward ones and cached until the school next changes (SchoolData.version).
 */
import type { ClassRec, ClassStaff, ContactLink, ContactRec, EmployeeRec, SchoolData, StudentRec } from "./model";

export interface SchoolIndex {
  classesOfStudent: Map<StudentRec, ClassRec[]>;
  classesOfEmployee: Map<EmployeeRec, { cls: ClassRec; row: ClassStaff }[]>;
  pupilsOfContact: Map<ContactRec, { student: StudentRec; link: ContactLink }[]>;
}

const cache = new WeakMap<SchoolData, { version: number; index: SchoolIndex }>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexOf(school: SchoolData): SchoolIndex {
  const hit = cache.get(school);
  if (hit && hit.version === school.version) return hit.index;
  const index: SchoolIndex = {
    classesOfStudent: new Map(),
    classesOfEmployee: new Map(),
    pupilsOfContact: new Map(),
  };
  for (const cls of school.classes) {
    for (const s of cls.students) push(index.classesOfStudent, s, cls);
    for (const row of cls.staff) push(index.classesOfEmployee, row.employee, { cls, row });
  }
  for (const student of school.students) {
    for (const link of student.contacts) push(index.pupilsOfContact, link.contact, { student, link });
  }
  cache.set(school, { version: school.version, index });
  return index;
}
