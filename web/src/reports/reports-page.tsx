// Placeholder: the reports helper replaces this file.
export default function ReportsPage() {
  return <h1>Báo cáo / Reports</h1>;
}
