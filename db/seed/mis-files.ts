/**
 * MIS export files as schools' systems write them, for the tests, the bench and the README's example:
 * a pupil export with the MIS's own headers and values, a wide marksheet, and a Common Transfer File
 * built from the DfE's published CTF element structure. Deterministic: the same input, the same bytes.
 */

export type MisPupil = {
  upn: string;
  forename: string;
  surname: string;
  /** "R" or 1–13 */
  ncYear: string;
  regGroup: string;
  gender: "M" | "F";
  fsm: boolean;
  pupilPremium: boolean;
  sen: "N" | "K" | "E";
  eal: boolean;
  lookedAfter: boolean;
};

const SEN_WORDS = { N: "No Special Educational Need", K: "SEN Support", E: "EHC Plan" } as const;

function csvCell(v: string, delimiter: string) {
  return v.includes(delimiter) || v.includes('"') || v.includes("\n") ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows joined by a delimiter with CRLF line ends, as Excel and the MIS write them. */
export function delimited(rows: string[][], delimiter = ","): string {
  return rows.map((r) => r.map((c) => csvCell(c, delimiter)).join(delimiter)).join("\r\n") + "\r\n";
}

/**
 * An MIS pupil export as it comes: `UPN, Legal Surname, Legal Forename, Year, Reg Group, Gender, FSM
 * Eligible, Pupil Premium Indicator, SEN Status, EAL, In Care` with Male/Female, Yes/No and SEN words.
 */
export function misPupilRows(pupils: MisPupil[]): string[][] {
  const yn = (b: boolean) => (b ? "Yes" : "No");
  return [
    ["UPN", "Legal Surname", "Legal Forename", "Year", "Reg Group", "Gender", "FSM Eligible", "Pupil Premium Indicator", "SEN Status", "EAL", "In Care"],
    ...pupils.map((p) => [
      p.upn,
      p.surname,
      p.forename,
      p.ncYear === "R" ? "Reception" : `Year ${p.ncYear}`,
      p.regGroup,
      p.gender === "M" ? "Male" : "Female",
      yn(p.fsm),
      yn(p.pupilPremium),
      SEN_WORDS[p.sen],
      yn(p.eal),
      yn(p.lookedAfter),
    ]),
  ];
}

/** A wide marksheet: `UPN, Surname, Forename, <subject>…`, one row per pupil, a result per subject column. */
export function marksheetRows(pupils: { upn: string; surname: string; forename: string }[], subjects: string[], result: (pupil: number, subject: string) => string): string[][] {
  return [["UPN", "Surname", "Forename", ...subjects], ...pupils.map((p, i) => [p.upn, p.surname, p.forename, ...subjects.map((s) => result(i, s))])];
}

export type CtfPupil = MisPupil & {
  dob: string;
  /** The first language's code (ENG English, POL Polish, URD Urdu…). */
  language: string;
  fsmSpells: { start: string; end?: string }[];
  senSpells: { start: string; provision: "K" | "E" }[];
  /** Stage assessments the CTF carries. */
  assessments: { stage: string; year: string; subject: string; component?: string; method?: string; result: string; date: string }[];
};

function esc(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A Common Transfer File (CTF 25 shape): CTfile > Header (DocumentName, CTFversion, DateTime,
 * DocumentQualifier, SupplierID, SourceSchool, DestSchool) and CTfile > CTFpupilData > Pupil (UPN,
 * Surname, Forename, DOB, Gender, BasicDetails > NCyearActual, Languages > Type, InCare; FSMhistory >
 * FSMinstance; SENhistory > SEN; StageAssessments > KeyStage > StageAssessment).
 */
export function ctfXml(pupils: CtfPupil[], opts: { sourceSchool: string; dateTime: string; academicYear: string }): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push("<CTfile>");
  out.push("  <Header>");
  out.push("    <DocumentName>Common Transfer File</DocumentName>");
  out.push("    <CTFversion>25.0</CTFversion>");
  out.push(`    <DateTime>${opts.dateTime}</DateTime>`);
  out.push("    <DocumentQualifier>partial</DocumentQualifier>");
  out.push("    <SupplierID>Waymark fixtures</SupplierID>");
  out.push(`    <SourceSchool><LEA>999</LEA><Estab>2001</Estab><SchoolName>${esc(opts.sourceSchool)}</SchoolName><AcademicYear>${opts.academicYear.slice(0, 4)}</AcademicYear></SourceSchool>`);
  out.push("    <DestSchool><LEA>999</LEA><Estab>2002</Estab></DestSchool>");
  out.push("  </Header>");
  out.push("  <CTFpupilData>");
  for (const p of pupils) {
    out.push("    <Pupil>");
    out.push(`      <UPN>${p.upn}</UPN>`);
    out.push(`      <Surname>${esc(p.surname)}</Surname>`);
    out.push(`      <Forename>${esc(p.forename)}</Forename>`);
    out.push(`      <DOB>${p.dob}</DOB>`);
    out.push(`      <Gender>${p.gender}</Gender>`);
    out.push("      <BasicDetails>");
    out.push(`        <NCyearActual>${p.ncYear}</NCyearActual>`);
    out.push("        <Ethnicity>WBRI</Ethnicity>");
    out.push(`        <Languages><Type><LanguageType>FIRST</LanguageType><Language>${p.language}</Language></Type></Languages>`);
    out.push("        <MedicalFlag>false</MedicalFlag>");
    out.push(`        <InCare>${p.lookedAfter ? "true" : "false"}</InCare>`);
    out.push("        <EnrolStatus>C</EnrolStatus>");
    out.push("      </BasicDetails>");
    if (p.fsmSpells.length) {
      out.push("      <FSMhistory>");
      for (const f of p.fsmSpells) out.push(`        <FSMinstance><FSMstartDate>${f.start}</FSMstartDate>${f.end ? `<FSMendDate>${f.end}</FSMendDate>` : ""}<UKcountry>ENG</UKcountry></FSMinstance>`);
      out.push("      </FSMhistory>");
    }
    if (p.senSpells.length) {
      out.push("      <SENhistory>");
      for (const s of p.senSpells) out.push(`        <SEN><StartDate>${s.start}</StartDate><SENprovision>${s.provision}</SENprovision></SEN>`);
      out.push("      </SENhistory>");
    }
    if (p.assessments.length) {
      out.push("      <StageAssessments>");
      const stages = [...new Set(p.assessments.map((a) => a.stage))];
      for (const stage of stages) {
        out.push(`        <KeyStage><Stage>${stage}</Stage>`);
        for (const a of p.assessments.filter((x) => x.stage === stage)) {
          out.push(
            `          <StageAssessment><Locale>ENG</Locale><Year>${a.year}</Year><Subject>${a.subject}</Subject><Method>${a.method ?? "TA"}</Method>${a.component ? `<Component>${a.component}</Component>` : ""}<ResultStatus>R</ResultStatus><ResultQualifier>NV</ResultQualifier><Result>${a.result}</Result><ResultDate>${a.date}</ResultDate></StageAssessment>`,
          );
        }
        out.push("        </KeyStage>");
      }
      out.push("      </StageAssessments>");
    }
    out.push("    </Pupil>");
  }
  out.push("  </CTFpupilData>");
  out.push("</CTfile>");
  return out.join("\n") + "\n";
}
