export {
  findDepartmentInCenter,
  findDepartmentNames,
  findDepartmentsInCenter,
  insertDepartment,
  listDepartments,
} from "./department.repository.js";
export { departmentRoutes } from "./department.routes.js";
